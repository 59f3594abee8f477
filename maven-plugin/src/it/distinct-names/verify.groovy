import groovy.json.JsonSlurper

def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

// What the two executions with XML wrote: SharedTest twice (once per execution), ATest and BTest
def xmlDirs = ['target/surefire-reports', 'target/again-reports'].collect { new File(basedir, it) }
Set classes = [] as Set
Set methods = [] as Set
int perFile = 0
int cases = 0
xmlDirs.each { dir ->
    (dir.listFiles() ?: []).findAll { it.name ==~ /TEST-.*\.xml/ }.each { file ->
        Set inFile = [] as Set
        new groovy.xml.XmlSlurper().parse(file).testcase.each { c ->
            String name = c.@name.text()
            int bracket = name.indexOf('[')
            String method = c.@classname.text() + '#' + (bracket > 0 ? name.substring(0, bracket) : name)
            classes << c.@classname.text()
            methods << method
            inFile << method
            cases++
        }
        perFile += inFile.size()
    }
}
assert classes == ['it.SharedTest', 'it.ATest', 'it.BTest'] as Set
assert methods.size() == 5 && perFile == 8 : "SharedTest's methods are in two files: $methods"
assert cases == 10
assert !new File(basedir, 'target/no-xml-reports').listFiles()?.any { it.name ==~ /TEST-.*\.xml/ }

// The third execution wrote no XML: its forks' partials carry fingerprints, never names
def runDir = new File(basedir, 'target/telemetry-run/surefire-no-xml')
def partials = runDir.listFiles().findAll { it.name ==~ /telemetry-partial-.*\.json/ }
assert partials.size() == 2
partials.each {
    assert !it.text.contains('SharedTest') && !it.text.contains('CTest') : 'a class name in a partial'
    assert new JsonSlurper().parse(it).fingerprints.classes.size() == 1
}

// One report: each class and method once, SharedTest's included, CTest (2 methods) known only by fingerprint
def report = common.onlyReport(log)
println "XML: ${classes.size()} classes, ${methods.size()} methods; report: ${report.metrics.classes} classes, ${report.metrics.methods} methods"
assert report.metrics.classes == classes.size() + 1
assert report.metrics.methods == methods.size() + 2
assert report.metrics.tests.total == cases + 4 + 2
assert report.metrics.forks == 6
return true
