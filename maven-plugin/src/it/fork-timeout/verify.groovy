def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
// Surefire killed the fork running HangTest after forkedProcessTimeoutInSeconds
common.assertForkDied(new File(basedir, 'build.log'), 'There was a timeout in the fork')
return true
