import warnings, io, sys
def w(msg, cat=UserWarning):
    warnings.warn(msg, cat)
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter('always')
    w('first')
    w('second', DeprecationWarning)
    warnings.warn(RuntimeWarning('as instance'))
    print([(type(m.message).__name__, str(m.message), m.category.__name__) for m in log])
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter('default')
    for i in range(3):
        w('repeated')
    w('other')
    print(len(log))
with warnings.catch_warnings(record=True) as log:
    w('deprecated', DeprecationWarning)
    w('user')
    print([str(m.message) for m in log])
with warnings.catch_warnings():
    warnings.simplefilter('error')
    try:
        w('boom')
    except UserWarning as e:
        print('raised', repr(e))
with warnings.catch_warnings(record=True) as log:
    warnings.filterwarnings('ignore', message='skip.*')
    warnings.filterwarnings('error', category=RuntimeWarning)
    w('skip me')
    w('keep me')
    try:
        w('syn', RuntimeWarning)
    except RuntimeWarning as e:
        print('RuntimeWarning', e)
    print([str(m.message) for m in log])
print(warnings.formatwarning('msg', UserWarning, 'file.py', 12, 'x = 1'), end='')
buf = io.StringIO()
warnings.showwarning('shown', UserWarning, 'f.py', 3, file=buf)
print(repr(buf.getvalue()))
for bad in [lambda: warnings.simplefilter('nope'), lambda: warnings.warn('x', int)]:
    try:
        bad()
    except (ValueError, TypeError, AssertionError) as e:
        print(type(e).__name__, e)
