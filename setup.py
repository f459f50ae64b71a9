"""Everything is configured in pyproject.toml; this file only puts
``thidua-xlwings.pth`` at the top of site-packages (the way pytest-cov ships
its .pth): in a process started by an Excel button it makes ``import xlwings``
skip pandas, matplotlib and numpy (see xlsrc/light_xlwings.py)."""
import os

from setuptools import setup
from setuptools.command.build_py import build_py

PTH = "thidua-xlwings.pth"


class BuildPyWithPth(build_py):
    def run(self):
        super().run()
        self.copy_file(os.path.join("xlsrc", PTH), os.path.join(self.build_lib, PTH), preserve_mode=0)

    def get_outputs(self, include_bytecode=1):
        return super().get_outputs(include_bytecode) + [os.path.join(self.build_lib, PTH)]


setup(cmdclass={"build_py": BuildPyWithPth})
