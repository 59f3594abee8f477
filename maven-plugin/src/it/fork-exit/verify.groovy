def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
// ExitTest called System.exit: the test never finished
common.assertForkDied(new File(basedir, 'build.log'), 'The forked VM terminated without properly saying goodbye')
return true
