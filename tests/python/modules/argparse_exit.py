# argparse: a usage error prints usage and the message to stderr and exits with status 2.
import argparse
p = argparse.ArgumentParser(prog='calc')
p.add_argument('x', type=int)
p.add_argument('--op', choices=['add', 'mul'], default='add')
print(p.parse_args(['4', '--op', 'mul']))
p.parse_args(['4', '--op', 'div'])
print('not reached')
