"""Package list for setuptools (everything else is in pyproject.toml).

Every ``extractor.*`` package is found automatically, so a new subpackage is
never left out of the wheel; the data folders ``models/`` and ``templates/`` are
shipped as ``extractor.models`` and ``extractor.templates``, where
:mod:`extractor.resources` reads them. ``pyproject.toml`` alone cannot combine
package discovery with folders installed under another name.
"""

from setuptools import find_packages, setup

DATA_PACKAGES = {"extractor.models": "models", "extractor.templates": "templates"}

setup(
    packages=[*find_packages(include=["extractor", "extractor.*"]), *DATA_PACKAGES],
    package_dir=DATA_PACKAGES,
)
