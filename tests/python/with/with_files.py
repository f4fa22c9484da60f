# with open(...) closes the file; reading a data file line by line inside nested withs.
with open("_lines.txt") as f:
    print(f.closed, f.readline().strip())
print(f.closed)
with open("_lines.txt") as a, open("_lines.txt") as b:
    print([x.strip() for x in a] == [y.strip() for y in b])
try:
    with open("_lines.txt") as f:
        for line in f:
            if "three" in line:
                raise StopIteration("found three")
except StopIteration as e:
    print("stopped:", e, f.closed)
