"""Build configuration that pyproject.toml cannot express: resources/ inside the package.

The checkout keeps icons, templates, site assets and demo data in a top-level
resources/ folder; the wheel carries that folder as curator/resources, where
`curator.resources_dir()` looks first. pyproject.toml takes every file in it at any
depth ("**/*"); its sub-folders are listed as packages too only because setuptools
warns about folders it could import but was not told about. Everything else is in
pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

resources = ["curator.resources"] + [
    f"curator.resources.{name}" for name in find_namespace_packages("resources")
]

setup(
    packages=[*find_packages("src"), *resources],
    package_dir={"": "src", "curator.resources": "resources"},
)
