import logging, io, sys
buf = io.StringIO()
logging.basicConfig(stream=buf, level=logging.INFO, format='%(levelname)s|%(name)s|%(message)s')
log = logging.getLogger('app')
log.debug('hidden %d', 1)
log.info('shown %s and %r', 'x', [1, 2])
log.warning('warn %(a)s', {'a': 'dict-arg'})
child = logging.getLogger('app.db')
child.setLevel(logging.DEBUG)
child.debug('child debug')
print(child.getEffectiveLevel(), log.getEffectiveLevel(), logging.getLogger().getEffectiveLevel(), child.parent.name, log.parent.name)
try:
    1 / 0
except ZeroDivisionError:
    log.exception('failed')
print(buf.getvalue().splitlines()[:6])
print(buf.getvalue().splitlines()[-1])
h = logging.StreamHandler(buf2 := io.StringIO())
h.setFormatter(logging.Formatter('{levelname:<8}{name}: {message}', style='{'))
h.setLevel(logging.WARNING)
other = logging.getLogger('other')
other.addHandler(h)
other.propagate = False
other.info('no')
other.error('yes %s', 'please')
other.critical('crit')
class OnlyOdd(logging.Filter):
    def filter(self, record):
        return record.args[0] % 2 == 1
other.addFilter(OnlyOdd())
for i in range(4):
    other.warning('n=%d', i)
print(repr(buf2.getvalue()))
print(logging.getLevelName(10), logging.getLevelName('WARNING'), logging.getLevelName(15), repr(log), repr(logging.getLogger()))
adapter = logging.LoggerAdapter(logging.getLogger('app.adapter'), {'user': 'bob'})
h3 = logging.StreamHandler(buf3 := io.StringIO())
h3.setFormatter(logging.Formatter('%(user)s %(message)s'))
adapter.logger.addHandler(h3)
adapter.warning('via adapter')
print(repr(buf3.getvalue()), logging.getLogger('app.adapter') is adapter.logger, log.getChild('x').name, log.isEnabledFor(logging.DEBUG))
logging.disable(logging.CRITICAL)
log.critical('disabled')
logging.disable(logging.NOTSET)
print([l for l in buf.getvalue().splitlines() if not l.strip().startswith(('~', '^'))])
rec = logging.LogRecord('n', logging.INFO, 'p.py', 3, 'hello %s', ('w',), None)
print(rec.getMessage(), rec.levelname, rec.filename, rec.module, logging.Formatter('%(name)s:%(levelno)d:%(message)s').format(rec))
