# logging: basicConfig to stdout, logger hierarchy and levels, handlers, formatters, filters, exceptions.
import logging, sys, io
logging.basicConfig(stream=sys.stdout, level=logging.INFO, format='%(levelname)s:%(name)s:%(message)s')
log = logging.getLogger('app')
log.debug('not shown')
log.info('started with %d workers', 4)
log.warning('disk at %.1f%%', 93.25)
db = logging.getLogger('app.db')
db.setLevel(logging.DEBUG)
db.debug('query %s', {'id': 7})
print(db.parent is log, log.parent is logging.getLogger(), db.getEffectiveLevel(), log.getEffectiveLevel(), logging.getLogger('app') is log)
try:
    {}['missing']
except KeyError as e:
    log.error('lookup failed: %r', e)
buf = io.StringIO()
h = logging.StreamHandler(buf)
h.setFormatter(logging.Formatter('[{levelname:^9}] {name}: {message}', style='{'))
h.setLevel(logging.ERROR)
audit = logging.getLogger('audit')
audit.addHandler(h)
audit.propagate = False
audit.warning('ignored by the handler')
audit.error('bad login for %s', 'eve')
audit.addFilter(lambda record: 'secret' not in record.getMessage())
audit.critical('secret stuff')
audit.critical('public stuff')
print(repr(buf.getvalue()))
logging.info('root logger, %s', 'module-level function')
print(logging.getLevelName(logging.WARNING), logging.getLevelName(25), repr(log), log.isEnabledFor(logging.DEBUG))
