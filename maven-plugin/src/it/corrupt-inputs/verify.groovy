def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')
String text = log.text

assert text.count('BUILD SUCCESS') == 2
def warnings = text.readLines().findAll { it.startsWith('[WARNING] Test telemetry') }
assert warnings.size() == 2 : warnings
assert warnings[0].contains('ignoring TEST-it.Truncated.xml, not a readable Surefire report')
assert warnings[1].contains('coverage left out') && warnings[1].contains('jacoco.exec')
assert !(text =~ /(?m)^\tat org\.testtelemetry/) : 'no stack trace in the build output'

// the readable report still counts
assert common.onlyReport(log).metrics.tests.total == 1
common.assertSameMavenOutput(log)
return true
