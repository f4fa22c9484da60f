# Using a list as a stack and as a simple queue.
stack = []
for i in range(5):
    stack.append(i * 10)
while stack:
    print("pop", stack.pop())
queue = ["a", "b", "c"]
queue.append("d")
while queue:
    item = queue.pop(0)
    print("serve", item, len(queue))
