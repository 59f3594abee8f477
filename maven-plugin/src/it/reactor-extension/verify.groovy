def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

def reports = common.reportsIn(log)
// lib (Surefire + Failsafe) and ng; nothing for no-tests (no test) nor bom/reactor (pom packaging)
assert reports*.project*.name.sort() == ['lib', 'ng']

def lib = reports.find { it.project.name == 'lib' }
assert lib.metrics.tests.total == 3 : 'two Surefire tests and one Failsafe test in one report'
assert lib.metrics.tests.passed == 3
assert lib.metrics.classes == 2
assert lib.environment.frameworks*.name == ['junit-jupiter']

def ng = reports.find { it.project.name == 'ng' }
assert ng.metrics.tests.total == 3 : 'each data-provider invocation is one test'
assert ng.metrics.tests.passed == 3
assert ng.metrics.methods == 2
assert ng.environment.frameworks*.name == ['testng']

assert log.text.contains('BUILD SUCCESS')

// what the recording server received: exactly these two reports, once each, at the platform's path
def server = System.properties.remove('telemetry.it.recorder')
server?.stop(0)
File received = new File(basedir, 'received')
def bodies = received.listFiles().findAll { it.name.endsWith('.json') }
        .collect { new groovy.json.JsonSlurper().parse(it) }
assert bodies*.id.sort() == reports*.id.sort()
assert new File(received, 'requests.log').readLines().every { it == 'POST /api/v1/reports' }
return true
