import groovy.json.JsonSlurper

def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))

// Exactly one report per module in every mode, and it counts what Surefire's XML counts
['report-goal': 2, 'adapters-alone': 2, 'both-adapters': 5, 'extension-both': 5].each { module, tests ->
    File dir = new File(basedir, "$module/target/telemetry")
    def reports = (dir.listFiles() ?: []).findAll { it.name ==~ /report-.*\.json/ }
    assert reports.size() == 1 : "$module: expected one report, got ${reports*.name}"
    def t = new JsonSlurper().parse(reports[0]).metrics.tests
    int inXml = common.xmlCases(new File(basedir, "$module/target/surefire-reports")).values().sum()
    assert inXml == tests : "$module: Surefire ran $inXml tests"
    assert [t.total, t.passed] == [tests, tests] : "$module: $t"
}
return true
