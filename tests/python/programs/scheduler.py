# A priority-queue task scheduler with generators as cooperative tasks.
import heapq
class Scheduler:
    def __init__(self):
        self.queue = []
        self.time = 0
        self.seq = 0
        self.log = []
    def spawn(self, name, task, at=0, priority=5):
        heapq.heappush(self.queue, (at, priority, self.seq, name, task))
        self.seq += 1
    def run(self):
        while self.queue:
            at, prio, _, name, task = heapq.heappop(self.queue)
            self.time = max(self.time, at)
            try:
                delay = next(task)
                self.log.append(f"t={self.time} {name} ran, sleeps {delay}")
                self.spawn(name, task, self.time + delay, prio)
            except StopIteration as done:
                self.log.append(f"t={self.time} {name} finished -> {done.value}")
def worker(n, step):
    total = 0
    for i in range(n):
        total += i
        yield step
    return total
s = Scheduler()
s.spawn("fast", worker(3, 1), priority=1)
s.spawn("slow", worker(2, 5), priority=9)
s.spawn("late", worker(2, 2), at=4, priority=0)
s.run()
print("\n".join(s.log))
print("end time", s.time)
