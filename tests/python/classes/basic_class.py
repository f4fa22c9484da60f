# Class definition, __init__, instance and class attributes, methods and bound methods.
class Dog:
    species = "canis"
    count = 0
    def __init__(self, name, age):
        self.name = name
        self.age = age
        Dog.count += 1
    def bark(self):
        return f"{self.name} says woof"
    def birthday(self):
        self.age += 1
        return self.age
d = Dog("Rex", 3)
e = Dog("Fido", 5)
print(d.bark(), d.birthday(), d.age, e.age, Dog.count, d.species, Dog.species)
d.species = "individual"
print(d.species, e.species, Dog.species)
m = e.bark
print(m(), Dog.bark(d), type(d).__name__, isinstance(d, Dog), d.__class__ is Dog)
print(sorted(vars(d).items()), hasattr(d, "name"), getattr(d, "missing", "default"))
