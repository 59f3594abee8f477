def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')
// Surefire killed the fork running HangTest (4 tests, the 3rd never returns) after forkedProcessTimeoutInSeconds
assert log.text.contains('There was a timeout in the fork')

def xml = common.xmlCases(new File(basedir, 'target/surefire-reports'))
def t = common.onlyReport(log).metrics.tests
println "XML test cases per class: $xml; report: $t"
int inXml = xml.values().sum() ?: 0
int planned = 1 + 1 + 4
assert t.incomplete == planned - inXml
// no XML for the class whose JVM was killed: all 4 of its planned tests are incomplete
assert [t.total, t.passed, t.incomplete] == [6, 2, 4]
assert t.total == planned
assert t.passed == inXml
assert [t.failed, t.errored, t.skipped, t.aborted] == [0, 0, 0, 0]
return true
