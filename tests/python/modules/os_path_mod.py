# os.path string functions (no filesystem state printed), os.sep, os.getcwd basename.
import os, os.path
print(os.path.join("a", "b", "c.txt"), os.path.join("/root", "x"), os.path.join("a", "/abs"))
print(os.path.basename("/x/y/z.py"), os.path.dirname("/x/y/z.py"), os.path.split("/x/y/z.py"), os.path.splitext("arch.tar.gz"))
print(os.path.normpath("a/./b/../c//d"), os.path.isabs("/a"), os.path.isabs("a"))
print(os.path.exists("os_path_mod.py"), os.path.isfile("os_path_mod.py"), os.path.isdir("."), os.path.exists("nope.txt"))
print(os.sep, os.path.basename(os.getcwd()), "os_path_mod.py" in os.listdir("."))
print(os.path.splitext("noext"), os.path.join("", "x"), os.path.commonprefix(["/usr/lib", "/usr/local"]))
