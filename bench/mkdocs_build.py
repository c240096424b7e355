# `mkdocs build --strict` of one or more config files in one Python process, as the `mkdocs`
# command runs it. The portal is timed with its mkdocs.yml alone (its hooks build the German
# edition inside that build); the plain baseline with both of its config files, so that each
# side pays for one interpreter start and builds both editions.
#
#   python bench/mkdocs_build.py mkdocs.yml [mkdocs.de.yml ...]

import sys

from mkdocs.__main__ import cli

if __name__ == "__main__":
    for config_file in sys.argv[1:]:
        cli.main(["build", "--strict", "--quiet", "--config-file", config_file],
                 prog_name="mkdocs", standalone_mode=False)
