# A small library system: class hierarchy with __eq__/__hash__/__lt__ and functools.total_ordering,
# dict of sets, datetime-free date arithmetic with tuples, exception subclasses and str.format_map.
from functools import total_ordering
from collections import defaultdict


class LibraryError(Exception):
    pass


class NotAvailable(LibraryError):
    def __init__(self, title, holder):
        super().__init__(title, holder)
        self.title, self.holder = title, holder

    def __str__(self):
        return f"'{self.title}' is held by {self.holder}"


@total_ordering
class Book:
    def __init__(self, title, author, year):
        self.title, self.author, self.year = title, author, year

    def __eq__(self, other):
        return (self.title, self.author) == (other.title, other.author)

    def __hash__(self):
        return hash((self.title, self.author))

    def __lt__(self, other):
        return (self.author, self.year) < (other.author, other.year)

    def __repr__(self):
        return "Book({title!r}, {year})".format_map(vars(self))


class Library:
    def __init__(self):
        self.books = set()
        self.loans = {}
        self.by_author = defaultdict(set)
        self.history = []

    def add(self, *books):
        for b in books:
            self.books.add(b)
            self.by_author[b.author].add(b)

    def lend(self, title, who):
        book = next((b for b in self.books if b.title == title), None)
        if book is None:
            raise LibraryError(f"no book titled {title!r}")
        if book in self.loans:
            raise NotAvailable(title, self.loans[book])
        self.loans[book] = who
        self.history.append((who, title))

    def give_back(self, title):
        for b, who in list(self.loans.items()):
            if b.title == title:
                del self.loans[b]
                return who
        raise LibraryError(f"{title!r} was not lent")


lib = Library()
lib.add(Book("Dune", "Herbert", 1965), Book("Emma", "Austen", 1815), Book("Persuasion", "Austen", 1817),
        Book("Dune", "Herbert", 1965), Book("Ubik", "Dick", 1969))
print(len(lib.books), sorted(lib.books), sorted(lib.by_author["Austen"]))
print(Book("a", "x", 1) <= Book("b", "x", 2), Book("a", "x", 3) > Book("b", "x", 2), Book("a", "x", 1) == Book("a", "x", 9))
for title, who in [("Dune", "ann"), ("Emma", "bob"), ("Dune", "cy"), ("Missing", "dee")]:
    try:
        lib.lend(title, who)
        print(f"{who} borrows {title}")
    except NotAvailable as e:
        print("unavailable:", e, e.args)
    except LibraryError as e:
        print("error:", e)
print(lib.give_back("Dune"), sorted((b.title, w) for b, w in lib.loans.items()))
try:
    lib.give_back("Ubik")
except LibraryError as e:
    print(type(e).__name__, e)
stats = {a: len(bs) for a, bs in sorted(lib.by_author.items())}
print(stats, max(stats, key=stats.get), sum(stats.values()))
print("{0:>10}|{1:<6}|{2:^5}".format("right", "left", "mid"), "%s has %d books" % ("Austen", stats["Austen"]))
