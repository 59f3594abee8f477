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
return true
