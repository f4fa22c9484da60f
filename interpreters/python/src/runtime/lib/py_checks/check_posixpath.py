import posixpath as p
paths = ['', '/', '//', '///', 'a', 'a/', '/a/b/', 'a/b/c.txt', '.hidden', 'a/.hidden', 'a.b.c', '/x/../y', './a//b/../c/.',
         '../..', 'a/../..', '/..', '//x//y', 'dir.ext/file', 'file.', '..', 'a/b.tar.gz']
for x in paths:
    print(repr(x), p.split(x), p.splitext(x), p.basename(x), repr(p.dirname(x)), p.normpath(x), p.isabs(x), p.splitdrive(x))
print(p.join('a', 'b', 'c'), p.join('/a', '/b', 'c'), p.join('a/', 'b'), p.join('', 'x'), p.join('a', ''))
print(p.commonprefix(['/usr/lib', '/usr/local', '/usr/l']), p.commonpath(['/usr/lib', '/usr/local']), p.commonprefix([]))
print(p.relpath('/a/b/c', '/a/x'), p.relpath('/a', '/a'), p.expandvars('no vars'), p.expanduser('/no/tilde'))
try:
    p.commonpath(['/a', 'b'])
except ValueError as e:
    print(e)
