"""Runs a check script twice under CPython: once with the real standard library, once with
pyvgc's bundled module sources (lib/py/*.py) installed in sys.modules under the real names,
and reports whether both runs print the same thing.

usage: python3 harness.py CHECK.py [--show]
"""
import importlib.util
import io
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED = os.path.join(os.path.dirname(HERE), 'py')


def run(path, bundled):
    saved = dict(sys.modules)
    out = io.StringIO()
    old_stdout = sys.stdout
    try:
        if bundled:
            names = [f[:-3] for f in sorted(os.listdir(BUNDLED)) if f.endswith('.py')]
            # Helpers first, then the modules (they import each other by real name).
            for name in sorted(names, key=lambda n: not n.startswith('_')):
                real = name.replace('__', '.') if not name.startswith('_') else name
                spec = importlib.util.spec_from_file_location(real, os.path.join(BUNDLED, name + '.py'))
                module = importlib.util.module_from_spec(spec)
                sys.modules[real] = module
                spec.loader.exec_module(module)
        sys.stdout = out
        source = open(path).read()
        glb = {'__name__': '__main__'}
        try:
            exec(compile(source, path, 'exec'), glb)
        except Exception as e:
            print('UNCAUGHT', type(e).__name__, e)
    finally:
        sys.stdout = old_stdout
        sys.modules.clear()
        sys.modules.update(saved)
    return out.getvalue()


def main():
    path = sys.argv[1]
    real = run(path, False)
    ours = run(path, True)
    if real == ours:
        print('same:', os.path.basename(path))
        return 0
    print('DIFFERENT:', os.path.basename(path))
    a, b = real.splitlines(), ours.splitlines()
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else '<missing>'
        y = b[i] if i < len(b) else '<missing>'
        if x != y:
            print('  line %d\n    cpython: %s\n    bundled: %s' % (i + 1, x, y))
    return 1


if __name__ == '__main__':
    sys.exit(main())
