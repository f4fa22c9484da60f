# fnmatch and glob: shell-style patterns over names and over this folder.
import fnmatch, glob
names = ['a.py', 'b.txt', 'abc.py', '.hidden', 'x[1].py', 'data-01.csv', 'Z', 'a-z']
for pat in ['*.py', '?.py', '[ab]*', '[!a]*', '*[0-9]*', 'x[[]1].py', '[z-a]', '*.[!p]*', '.*']:
    print(pat, fnmatch.filter(names, pat), fnmatch.fnmatch('A.PY', pat))
print(sorted(glob.glob('fnmatch_gl*.py')), sorted(glob.glob('fnmatch_glob.[op]?')), glob.glob('no_such_*'), glob.has_magic('a*'), glob.escape('a[b]*'))
