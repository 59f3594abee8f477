// Inputs telemetry cannot read, left where the report goal looks: a truncated Surefire report and a
// jacoco.exec that is not JaCoCo data.
File target = new File(basedir, 'target')
File reports = new File(target, 'surefire-reports')
reports.mkdirs()
new File(reports, 'TEST-it.Truncated.xml').text = '<?xml version="1.0"?><testsuite name="it.Truncated"><testcase name="a" classn'
new File(target, 'jacoco.exec').bytes = 'not jacoco data at all'.bytes
return true
