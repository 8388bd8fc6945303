"""Build configuration that pyproject.toml cannot express: resources/ inside the package.

The checkout keeps icons, templates, site assets and demo data in a top-level
resources/ folder; the wheel carries that folder as curator/resources, where
`curator.resources_dir()` looks first. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "curator.resources"],
    package_dir={"": "src", "curator.resources": "resources"},
)
