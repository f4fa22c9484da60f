# pprint: line breaking of nested containers, width/indent/depth/compact/sort_dicts, collections.
import pprint, collections, dataclasses
data = {'name': 'example', 'values': list(range(25)), 'nested': {'a': [1, 2, {'deep': tuple(range(8))}], 'b': None},
        'text': 'a long string with several words that will not fit on a single line at all', 'z': 1.5, 'flag': True}
pprint.pprint(data)
pprint.pprint(data, width=40, indent=2, sort_dicts=False)
pprint.pprint(data, depth=2)
pprint.pprint(list(range(60)), compact=True, width=60)
pprint.pprint([[i] * i for i in range(1, 8)], width=30)
print(pprint.pformat({3: 'c', 1: 'a', 2: 'b'}), pprint.pformat((1,)), pprint.pformat(set(range(5))))
pprint.pprint({'set': set(range(20)), 'frozen': frozenset(range(12)), 'bytes': b'0123456789' * 4}, width=40)
pprint.pprint(collections.OrderedDict((k, k * 100) for k in 'abcdefgh'), width=40)
pprint.pprint(collections.Counter('mississippi river banks'), width=40)
pprint.pprint(collections.defaultdict(list, {'x': [1, 2, 3], 'y': list(range(12))}), width=40)
pprint.pprint(collections.deque(range(25), maxlen=30), width=40)
@dataclasses.dataclass
class Item:
    name: str
    tags: list
pprint.pprint([Item('first', ['a', 'b']), Item('second', list(range(20)))], width=50)
r = ['loop']
r.append(r)
print(pprint.isrecursive(r), pprint.isreadable({'a': 1}), pprint.saferepr({'b': 2, 'a': [1]}))
pprint.pp({'b': 1, 'a': 2})
pprint.pprint(10 ** 12, underscore_numbers=True)
