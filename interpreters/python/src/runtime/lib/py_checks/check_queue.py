import queue
q = queue.Queue(maxsize=2)
q.put(1); q.put(2)
print(q.qsize(), q.full(), q.empty())
try:
    q.put_nowait(3)
except queue.Full:
    print('Full')
print(q.get(), q.get_nowait(), q.empty())
try:
    q.get_nowait()
except queue.Empty:
    print('Empty')
q.task_done(); q.task_done()
q.join()
try:
    q.task_done()
except ValueError as e:
    print('ValueError', e)
p = queue.PriorityQueue()
for item in [(3, 'c'), (1, 'a'), (2, 'b')]:
    p.put(item)
print([p.get() for _ in range(3)])
l = queue.LifoQueue()
for i in range(3):
    l.put(i)
print([l.get() for _ in range(3)])
s = queue.SimpleQueue()
s.put('x')
print(s.get(), s.empty(), s.qsize())
