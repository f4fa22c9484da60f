# An LRU cache built on a dict and a doubly linked list, checked against OrderedDict.
from collections import OrderedDict
class Node:
    __slots__ = ("key", "value", "prev", "next")
    def __init__(self, key=None, value=None):
        self.key, self.value = key, value
        self.prev = self.next = None
class LRU:
    def __init__(self, capacity):
        self.capacity = capacity
        self.map = {}
        self.head, self.tail = Node(), Node()
        self.head.next, self.tail.prev = self.tail, self.head
    def _unlink(self, node):
        node.prev.next, node.next.prev = node.next, node.prev
    def _push_front(self, node):
        node.next, node.prev = self.head.next, self.head
        self.head.next.prev = node
        self.head.next = node
    def get(self, key):
        node = self.map.get(key)
        if node is None:
            return -1
        self._unlink(node)
        self._push_front(node)
        return node.value
    def put(self, key, value):
        if key in self.map:
            node = self.map[key]
            node.value = value
            self._unlink(node)
        else:
            if len(self.map) == self.capacity:
                lru = self.tail.prev
                self._unlink(lru)
                del self.map[lru.key]
            node = Node(key, value)
            self.map[key] = node
        self._push_front(node)
    def keys(self):
        out, node = [], self.head.next
        while node is not self.tail:
            out.append(node.key)
            node = node.next
        return out
class Reference:
    def __init__(self, capacity):
        self.capacity, self.d = capacity, OrderedDict()
    def get(self, key):
        if key not in self.d:
            return -1
        self.d.move_to_end(key, last=False)
        return self.d[key]
    def put(self, key, value):
        self.d[key] = value
        self.d.move_to_end(key, last=False)
        if len(self.d) > self.capacity:
            self.d.popitem()
lru, ref = LRU(5), Reference(5)
mismatches = 0
state = 17
for step in range(3000):
    state = (state * 1103515245 + 12345) % 2 ** 31
    key = state % 12
    if state % 3:
        lru.put(key, step)
        ref.put(key, step)
    elif lru.get(key) != ref.get(key):
        mismatches += 1
print(mismatches, lru.keys(), list(ref.d))
