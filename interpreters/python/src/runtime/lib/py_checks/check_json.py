import json
data = {'name': 'Ünïcode ☃ 😀', 'list': [1, 2.5, None, True, False, 1e16, -0.0, 10**20], 'nested': {'a': [], 'b': {}, 'c': [{'x': 1}]},
        3: 'int key', 1.5: 'float key', None: 'none key', True: 'bool key', 'ctrl': '\x00\x1f\x7f\t"\\/'}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent='\t', separators=(',', ':')))
print(json.dumps({'b': 1, 'a': [1, {'d': 2, 'c': 3}]}, sort_keys=True, indent=0))
print(json.dumps([float('nan'), float('inf'), -float('inf')]), json.dumps('x'), json.dumps(None), json.dumps((1, 2)))
for bad in [lambda: json.dumps(float('nan'), allow_nan=False), lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(object()),
            lambda: json.dumps({1: 2, 'a': 3}, sort_keys=True)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, str(e).split(' at 0x')[0])
print(json.dumps({(1, 2): 3, 'k': 4}, skipkeys=True), json.dumps(object(), default=lambda o: 'OBJ'), json.dumps({1, 2} if False else [1], indent=4))
circ = []; circ.append(circ)
try:
    json.dumps(circ)
except ValueError as e:
    print(e)
class E(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({'s': {3, 1, 2}}, cls=E))

docs = ['{"a": [1, 2.5, -3e2, true, false, null, "x\\n\\u00e9\\ud83d\\ude00"], "b": {}}', ' [ ] ', '"plain"', '-0', '1.5E+3',
        '123456789012345678901234567890', '{"dup": 1, "dup": 2}', 'NaN', '[-Infinity, Infinity]', '"\\/\\b\\f\\r\\t"']
for d in docs:
    print(repr(json.loads(d)))
bad_docs = ['', '[1,]', '{', '{"a" 1}', '{"a":1,}', '"abc', '"a\\x"', '"\\u12"', '"\\u12zz"', '[1 2]', '1.', '01', '-', 'nul',
            '"a\nb"', '[1]x', '  \n [\n 1,\n x]', '{"a":}', '[', '"\\', '1e', '{"a":1 "b":2}', '{1:2}', '[1,2', '"\\ud83d\\uzzzz"']
for d in bad_docs:
    try:
        json.loads(d)
        print('no error for', repr(d))
    except json.JSONDecodeError as e:
        print(type(e).__name__, e, e.msg, e.pos, e.lineno, e.colno, isinstance(e, ValueError))
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2}', object_pairs_hook=lambda pairs: pairs[::-1]))
print(json.loads('[1, 2.5]', parse_int=str, parse_float=lambda s: 'F' + s))
print(json.loads(b'{"x": [1]}'), json.loads('"\\t"', strict=False), json.loads('"a\tb"', strict=False))
try:
    json.loads(5)
except TypeError as e:
    print(e)
import io
buf = io.StringIO(); json.dump({'k': [1, 2]}, buf, indent=1); print(buf.getvalue()); buf.seek(0); print(json.load(buf))
