# A priority task scheduler: heapq, deque, namedtuple, enumerate, bisect, dict ordering and
# random with a fixed seed.
import heapq
import random
import bisect
from collections import deque, namedtuple, OrderedDict

Task = namedtuple("Task", ["priority", "name", "duration"])
random.seed(12345)
tasks = [Task(random.randint(1, 5), f"t{i}", round(random.uniform(0.5, 3.0), 2)) for i in range(8)]
print(tasks[0], tasks[0].name, tasks[0]._asdict(), tasks[0]._replace(name="renamed"))
heap = []
for t in tasks:
    heapq.heappush(heap, (t.priority, t.name, t))
order = [heapq.heappop(heap)[2].name for _ in range(len(heap))]
print(order)
print(heapq.nsmallest(3, tasks, key=lambda t: t.duration))
print([t.name for t in heapq.nlargest(2, tasks)])
queue = deque(maxlen=4)
for t in tasks:
    queue.append(t.name)
print(queue, queue.popleft(), queue.pop(), len(queue))
queue.appendleft("first")
queue.rotate(1)
print(list(queue), queue[0], "t5" in queue)
clock = 0.0
timeline = []
for t in sorted(tasks, key=lambda t: (t.priority, -t.duration)):
    timeline.append((round(clock, 2), t.name))
    clock += t.duration
print(timeline)
starts = [s for s, _ in timeline]
print(bisect.bisect_left(starts, 5.0), bisect.bisect_right(starts, 0.0), bisect.bisect(starts, 100))
lst = [1, 3, 5]
bisect.insort(lst, 4)
print(lst)
print(random.choice("abcdef"), random.sample(range(100), 5), random.random())
deck = list(range(10))
random.shuffle(deck)
print(deck, random.randrange(0, 100, 5), round(random.gauss(0, 1), 6))
od = OrderedDict()
for t in tasks[:4]:
    od[t.name] = t.priority
od.move_to_end(tasks[0].name)
print(od, list(od.keys()), od.popitem(last=False))
print(sorted(tasks, key=lambda t: t.duration)[-1].name, sum(t.duration for t in tasks) / len(tasks))
