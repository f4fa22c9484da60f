# throw() into a generator that has not started raises at once: the body's try/except never
# runs, and the generator is finished afterwards. A started one handles it in its body.
def guarded(log):
    log.append('body')
    try:
        yield 1
    except KeyError:
        yield 'handled'


log = []
gen = guarded(log)
try:
    print('returned', gen.throw(KeyError('early')))
except KeyError as e:
    print('raised', repr(e))
print(log, next(gen, 'exhausted'))

gen = guarded(log)
print(next(gen), gen.throw(KeyError), log)
try:
    gen.throw(ValueError('late'))
except ValueError as e:
    print('propagated', e)
print(next(gen, 'exhausted'))
gen = guarded(log)
gen.close()
print(next(gen, 'closed'), log)
