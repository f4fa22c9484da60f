# while loops with else, break and continue.
n = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    print("even", n)
else:
    print("while finished normally", n)
i = 0
while True:
    i += 1
    if i == 4:
        break
print("broke at", i)
k = 10
while k > 0:
    if k == 3:
        print("found 3")
        break
    k -= 1
else:
    print("not printed")
