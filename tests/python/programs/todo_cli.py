"""A small CLI: argparse with subcommands, options and errors, run on built-in argument lists."""
import argparse
import json
import sys

def build():
    p = argparse.ArgumentParser(prog="todo", description="Manage a todo list.")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more output")
    p.add_argument("--file", default="todo.json", metavar="PATH")
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("add", help="add an item")
    a.add_argument("title", nargs="+")
    a.add_argument("-p", "--priority", type=int, choices=range(1, 4), default=2)
    a.add_argument("--tag", action="append", default=[])
    ls = sub.add_parser("list", help="list items")
    ls.add_argument("--done", action="store_true")
    ls.add_argument("--sort", choices=["priority", "title"], default="priority")
    d = sub.add_parser("done", help="mark done")
    d.add_argument("ids", type=int, nargs="*")
    return p

items = []

def run(argv):
    p = build()
    try:
        args = p.parse_args(argv)
    except SystemExit as e:
        print(f"exit {e.code}")
        return
    if args.cmd == "add":
        item = {"id": len(items) + 1, "title": " ".join(args.title), "priority": args.priority,
                "tags": args.tag, "done": False}
        items.append(item)
        print("added", json.dumps(item, sort_keys=True))
    elif args.cmd == "list":
        key = (lambda i: (i["priority"], i["id"])) if args.sort == "priority" else (lambda i: i["title"])
        for i in sorted(items, key=key):
            if i["done"] and not args.done:
                continue
            mark = "x" if i["done"] else " "
            tags = "".join(f" #{t}" for t in i["tags"])
            print(f"[{mark}] {i['id']:>2} p{i['priority']} {i['title']}{tags}")
    elif args.cmd == "done":
        for n in args.ids:
            matches = [i for i in items if i["id"] == n]
            if not matches:
                print(f"no item {n}", file=sys.stdout)
                continue
            matches[0]["done"] = True
        print("verbose" if args.verbose else "quiet", args.file, args.ids)

sys.stderr = sys.stdout
for argv in [["add", "buy", "milk", "-p", "1", "--tag", "home", "--tag", "food"],
             ["add", "write", "report"],
             ["-vv", "add", "fix", "bike", "--priority", "3"],
             ["list"],
             ["done", "2", "7"],
             ["-v", "--file", "x.json", "done"],
             ["list", "--done", "--sort", "title"],
             ["add"],
             ["add", "x", "-p", "9"],
             ["remove", "1"],
             ["list", "--sort", "date"],
             ["--help"],
             ["add", "--help"]]:
    print("$ todo", " ".join(argv))
    run(argv)
print(json.dumps(items, indent=2))
