# Chained generators form a lazy pipeline.
def read_lines():
    for line in ["10 apples", "# comment", "5 pears", "", "7 plums"]:
        yield line
def non_comments(lines):
    for line in lines:
        if line and not line.startswith("#"):
            yield line
def parse(lines):
    for line in lines:
        qty, name = line.split()
        yield name, int(qty)
print(list(parse(non_comments(read_lines()))))
print(sum(q for _, q in parse(non_comments(read_lines()))))
