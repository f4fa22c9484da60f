# argparse: options, positionals, actions, nargs, choices, groups, subcommands, help text, errors.
import argparse, contextlib, io
def run(parser, argv):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            print(argv, parser.parse_args(argv))
        except SystemExit as e:
            print(argv, 'exit', e.code, err.getvalue().splitlines()[-1])
p = argparse.ArgumentParser(prog='tool', description='Process some files and numbers, with a description long enough to wrap.',
                            epilog='Report bugs to nobody.')
p.add_argument('infile', help='input file')
p.add_argument('nums', nargs='*', type=int, help='numbers to add')
p.add_argument('-v', '--verbose', action='count', default=0, help='more output')
p.add_argument('-o', '--output', metavar='FILE', default='out.txt', help='output file (default: %(default)s)')
p.add_argument('--mode', choices=['fast', 'slow'], default='fast')
p.add_argument('--scale', type=float)
p.add_argument('-q', '--quiet', action='store_true')
p.add_argument('--tag', action='append', help='a tag that may be given many times, to show how long help text wraps')
p.add_argument('--pair', nargs=2, metavar=('KEY', 'VALUE'))
p.add_argument('--color', action=argparse.BooleanOptionalAction, default=True)
print(p.format_help())
for argv in [['a.txt'], ['a.txt', '1', '2', '-vv', '--mode', 'slow', '--tag', 'x', '--tag=y'], ['-qv', 'b', '--no-color', '-ofile'],
             [], ['a', '--mode', 'medium'], ['a', 'one'], ['a', '--scale', 'big'], ['a', '--pair', 'k'], ['a', '--unknown'],
             ['a', '--out', 'x', '--verb'], ['--', '-dash.txt', '-3']]:
    run(p, argv)
g = argparse.ArgumentParser(prog='fmt')
x = g.add_mutually_exclusive_group(required=True)
x.add_argument('--json', action='store_true')
x.add_argument('--xml', action='store_true')
adv = g.add_argument_group('advanced', 'Settings for experts.')
adv.add_argument('--depth', type=int, default='3')
print(g.format_help())
for argv in [['--json'], ['--json', '--xml'], [], ['--xml', '--depth', '9']]:
    run(g, argv)
s = argparse.ArgumentParser(prog='vcs')
sub = s.add_subparsers(dest='cmd', help='sub-command help')
c = sub.add_parser('commit', help='record changes')
c.add_argument('-m', '--message', required=True)
ps = sub.add_parser('push', help='update remote')
ps.add_argument('remote', nargs='?', default='origin')
print(s.format_help())
print(c.format_usage(), end='')
for argv in [['commit', '-m', 'msg'], ['push'], ['push', 'up'], ['commit'], ['pull']]:
    run(s, argv)
print(argparse.Namespace(a=1, b=[2]), s.parse_known_args(['push', 'x', '--extra']))
