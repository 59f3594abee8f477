def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')
assert log.text.contains('The forked VM terminated without properly saying goodbye')

// One fork per class: ATest and BTest pass; ExitTest (5 tests) calls System.exit in its 3rd; KillTest (20 tests)
// SIGKILLs its JVM in its 11th. The report's counts equal the XML's, plus exactly the planned tests that never
// reached it.
def xml = common.xmlCases(new File(basedir, 'target/surefire-reports'))
def t = common.onlyReport(log).metrics.tests
println "XML test cases per class: $xml; report: $t"
int inXml = xml.values().sum() ?: 0
int planned = 1 + 1 + 5 + 20
assert t.incomplete == planned - inXml
// Surefire writes no XML for a class whose JVM died, so both dead classes' planned tests are incomplete, also
// those that ran before the JVM died
assert [t.total, t.passed, t.incomplete] == [27, 2, 25]
assert t.total == planned
assert t.passed == inXml
assert [t.failed, t.errored, t.skipped, t.aborted] == [0, 0, 0, 0]
assert common.onlyReport(log).metrics.forks == 4
return true
