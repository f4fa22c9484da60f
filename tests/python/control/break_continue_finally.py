# break and continue inside try/finally run the finally clause.
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)
def f():
    for i in range(3):
        try:
            return i
        finally:
            print("cleanup before return", i)
print(f())
