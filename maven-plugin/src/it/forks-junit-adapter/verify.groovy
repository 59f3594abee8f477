def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

// reuseForks=false: one JVM per test class, each leaving its partial result in its execution's run directory
def partials = new File(basedir, 'target/telemetry-run/surefire-default-test').listFiles().findAll { it.name ==~ /telemetry-partial-.*\.json/ }
assert partials.size() == 3

// one merged report whose totals equal Surefire's XML totals: 3 classes x (2 invocations + 1 aborted)
def xmlTotal = new File(basedir, 'target/surefire-reports').listFiles()
        .findAll { it.name ==~ /TEST-.*\.xml/ }
        .sum { (new groovy.xml.XmlSlurper().parse(it).@tests.text()) as int }
def report = common.onlyReport(log)
def t = report.metrics.tests
assert t.total == xmlTotal
assert [t.total, t.passed, t.skipped, t.aborted, t.incomplete] == [9, 6, 0, 3, 0]
assert report.metrics.forks == 3
assert report.metrics.classes == 3
assert report.metrics.memory.peakHeapBytes > 0 : 'heap comes from the forks'
assert report.environment.frameworks*.name.contains('junit-jupiter')
assert report.environment.telemetry.adapter == 'maven-plugin'
// Thin forks leave coverage to the plugin, which reads target/jacoco.exec over target/classes once: the five
// counters equal JaCoCo's own report of the same exec file, summed over its rows
def csv = new File(basedir, 'target/site/jacoco/jacoco.csv').readLines()
def header = csv[0].split(',') as List
def sum = { String column -> csv.drop(1).sum { (it.split(',')[header.indexOf(column)]) as long } }
def c = report.metrics.coverage
assert [c.instruction.covered, c.instruction.missed] == [sum('INSTRUCTION_COVERED'), sum('INSTRUCTION_MISSED')]
assert [c.branch.covered, c.branch.missed] == [sum('BRANCH_COVERED'), sum('BRANCH_MISSED')]
assert [c.line.covered, c.line.missed] == [sum('LINE_COVERED'), sum('LINE_MISSED')]
assert [c.complexity.covered, c.complexity.missed] == [sum('COMPLEXITY_COVERED'), sum('COMPLEXITY_MISSED')]
assert [c.method.covered, c.method.missed] == [sum('METHOD_COVERED'), sum('METHOD_MISSED')]
assert c.branch.covered > 0 && c.branch.missed > 0 && c.method.missed > 0 : 'a partly covered module: ' + c
// JaCoCo's agent in the forks left telemetry's own classes alone (the plugin added them to its excludes: issue 15,
// instrumenting them cost each fork ~35 ms of CPU); the module's classes are there as before
String exec = new File(basedir, 'target/jacoco.exec').getText('ISO-8859-1')
assert exec.contains('it/Shapes') && exec.contains('it/ATest')
assert !exec.contains('org/testtelemetry/') : 'telemetry classes instrumented by JaCoCo'
assert log.text.contains('BUILD SUCCESS')
return true
