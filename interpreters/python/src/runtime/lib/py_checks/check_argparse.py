import argparse, sys, io, contextlib

def run(parser, argv):
    out, err = io.StringIO(), io.StringIO()
    code = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            ns = parser.parse_args(argv)
        except SystemExit as e:
            code = e.code
            ns = None
    print(argv, '->', ns, code)
    if out.getvalue():
        print('OUT:', out.getvalue(), end='')
    if err.getvalue():
        print('ERR:', err.getvalue(), end='')

p = argparse.ArgumentParser(prog='tool', description='A tool that does things with files and numbers, '
                            'described at some length so that the description wraps over lines.',
                            epilog='See the manual for more.')
p.add_argument('infile', help='input file')
p.add_argument('nums', nargs='*', type=int, help='numbers to sum (default: %(default)s)')
p.add_argument('-v', '--verbose', action='count', default=0, help='more output')
p.add_argument('-o', '--output', metavar='FILE', default='out.txt', help='where to write (default: %(default)s)')
p.add_argument('--mode', choices=['fast', 'slow', 'auto'], default='auto')
p.add_argument('--level', type=float, required=False)
p.add_argument('-q', action='store_true', help='quiet')
p.add_argument('--tag', action='append', help='a tag; may be repeated many times to add many tags to the output file header')
p.add_argument('--pair', nargs=2, metavar=('KEY', 'VALUE'))
p.add_argument('--opt', nargs='?', const='C', default='D')
p.add_argument('--color', action=argparse.BooleanOptionalAction, default=True, help='use color')
p.add_argument('--version', action='version', version='%(prog)s 1.2')
p.add_argument('--a-very-long-option-name-that-pushes-help', help='help text placed on the next line')
for argv in [['in.txt'], ['in.txt', '1', '2', '3', '-vv', '--mode', 'fast'], ['-h'], ['--version'], [],
             ['in.txt', '--mode', 'bad'], ['in.txt', 'x'], ['in.txt', '--level', 'abc'], ['in.txt', '--bogus', 'z'],
             ['in.txt', '--pair', 'a'], ['in.txt', '--pair', 'a', 'b', '--opt'], ['in.txt', '--opt', 'v', '--no-color'],
             ['in.txt', '-qvv', '-ofile', '--tag=x', '--tag', 'y'], ['in.txt', '--out', 'o2', '--verb'],
             ['--', '-in.txt', '5'], ['in.txt', '-q=1'], ['in.txt', '--level', '-2.5', '-5']]:
    run(p, argv)
print(p.format_usage(), end='')
g = argparse.ArgumentParser(prog='grp')
ex = g.add_mutually_exclusive_group(required=True)
ex.add_argument('--json', action='store_true')
ex.add_argument('--xml', action='store_true')
grp = g.add_argument_group('advanced', 'Advanced settings for experts.')
grp.add_argument('--depth', type=int, default=3, help='search depth')
g.add_argument('files', nargs='+')
g.add_argument('rest', nargs=argparse.REMAINDER)
g.set_defaults(handler='h1')
for argv in [['--json', 'a', 'b'], ['--json', '--xml', 'a'], ['a'], ['-h'], ['--xml', '--depth', '5', 'f', '--', 'x']]:
    run(g, argv)
s = argparse.ArgumentParser(prog='git')
s.add_argument('--debug', action='store_true')
sub = s.add_subparsers(dest='command', help='sub-command help')
c1 = sub.add_parser('commit', help='record changes')
c1.add_argument('-m', '--message', required=True)
c1.add_argument('--amend', action='store_true')
c2 = sub.add_parser('push', help='update remote', aliases=['p'])
c2.add_argument('remote', nargs='?', default='origin')
c2.add_argument('--force', '-f', action='store_true')
for argv in [['commit', '-m', 'msg'], ['--debug', 'push'], ['p', 'up', '-f'], ['commit'], ['pull'], ['-h'], ['push', '-h'], []]:
    run(s, argv)
print(s.parse_known_args(['push', 'x', '--zzz', 'extra']))
ns = argparse.Namespace(a=1, b='two')
print(ns, ns == argparse.Namespace(a=1, b='two'), 'a' in ns, vars(ns))
long = argparse.ArgumentParser(prog='a_program_with_a_long_name')
for i in range(12):
    long.add_argument('--option-number-%d' % i, metavar='VALUE%d' % i)
long.add_argument('positional_one')
long.add_argument('positional_two', nargs='+')
print(long.format_help())
t = argparse.ArgumentParser(prog='t', add_help=False)
t.add_argument('--n', type=int, default='7')
t.add_argument('-x', action='store_const', const=42)
t.add_argument('--items', action='extend', nargs='+', type=int)
print(t.parse_args([]), t.parse_args(['--items', '1', '2', '--items', '3', '-x']), t.format_help())
def positive(s):
    v = int(s)
    if v <= 0:
        raise argparse.ArgumentTypeError('%r is not positive' % s)
    return v
t.add_argument('--pos', type=positive)
run(t, ['--pos', '-3'])
run(t, ['--pos', '0'])
class Upper(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values.upper())
u = argparse.ArgumentParser(prog='u')
u.add_argument('--name', action=Upper)
print(u.parse_args(['--name', 'bob']))
try:
    u.add_argument('--name')
except argparse.ArgumentError as e:
    print('ArgumentError', e)
e = argparse.ArgumentParser(prog='e', exit_on_error=False)
e.add_argument('--n', type=int)
try:
    e.parse_args(['--n', 'x'])
except argparse.ArgumentError as err:
    print('ArgumentError', err)
