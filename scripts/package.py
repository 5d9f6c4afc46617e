"""Build the installable plugin ZIP (`make package`) or link the working tree into a QGIS profile (`make deploy`).

ZIP layout (what QGIS's "Install from ZIP" expects): one top folder ``gw_plugin`` holding the package's .py files,
metadata.txt, resources/, forms/ and i18n/ (built .qm only) — no tests, __pycache__, .pyc or .ts files.

``--deploy DIR`` makes ``DIR/gw_plugin`` a folder of symbolic links into the working tree (every entry of the
gw_plugin package plus metadata.txt, resources, forms, i18n), so QGIS loads the code being edited; run it again
after adding a top-level module to the package.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "gw_plugin"
DATA_DIRS = ("resources", "forms", "i18n")
SKIP_DIRS = {"__pycache__", "tests", ".pytest_cache", ".ruff_cache"}
SKIP_SUFFIXES = (".pyc", ".pyo", ".ts", ".orig", ".rej", ".swp", ".part.gpkg")
MARKER = ".gw_plugin_deploy"


def _keep(path: Path) -> bool:
    if any(part in SKIP_DIRS for part in path.parts):
        return False
    return not path.name.endswith(SKIP_SUFFIXES) and not path.name.startswith(".")


def package_files(root: Path = ROOT) -> list:
    """(source path, name inside the ZIP) for every file of the installable plugin, sorted."""
    files = []
    for src in sorted((root / PACKAGE).rglob("*")):
        rel = src.relative_to(root / PACKAGE)
        if src.is_file() and _keep(rel):
            files.append((src, f"{PACKAGE}/{rel.as_posix()}"))
    files.append((root / "metadata.txt", f"{PACKAGE}/metadata.txt"))
    for name in ("LICENSE", "README.md"):
        if (root / name).is_file():
            files.append((root / name, f"{PACKAGE}/{name}"))
    for data in DATA_DIRS:
        for src in sorted((root / data).rglob("*")):
            rel = src.relative_to(root)
            if src.is_file() and _keep(rel):
                files.append((src, f"{PACKAGE}/{rel.as_posix()}"))
    return files


def build_zip(output: Path, root: Path = ROOT) -> Path:
    if not list((root / "i18n").glob("*.qm")):
        raise SystemExit("package: no i18n/*.qm; run `make i18n` (scripts/build_i18n.sh) first")
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(output.suffix + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        # directory entries first, so unzip tools and QGIS see the folder structure
        dirs = sorted({str(Path(arc).parent.as_posix()) + "/" for _, arc in package_files(root)})
        for d in dirs:
            zf.writestr(zipfile.ZipInfo(d), "")
        for src, arc in package_files(root):
            zf.write(src, arc)
    os.replace(tmp, output)
    return output


def deploy(plugins_dir: Path, root: Path = ROOT) -> Path:
    plugins_dir.mkdir(parents=True, exist_ok=True)
    target = plugins_dir / PACKAGE
    if target.is_symlink():
        target.unlink()
    elif target.is_dir():
        if not (target / MARKER).exists():
            raise SystemExit(
                f"deploy: {target} exists and was not made by --deploy (an installed copy?); remove it first"
            )
        shutil.rmtree(target)
    target.mkdir()
    (target / MARKER).write_text(f"linked to {root}\n")
    for entry in sorted((root / PACKAGE).iterdir()):
        if entry.name in SKIP_DIRS:
            continue
        (target / entry.name).symlink_to(entry)
    (target / "metadata.txt").symlink_to(root / "metadata.txt")
    for data in DATA_DIRS:
        (target / data).symlink_to(root / data, target_is_directory=True)
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--output", type=Path, help="path of the ZIP to write")
    group.add_argument("--deploy", type=Path, help="a QGIS profile's python/plugins folder")
    args = parser.parse_args(argv)
    if args.output:
        out = build_zip(args.output.resolve())
        with zipfile.ZipFile(out) as zf:
            count = len([n for n in zf.namelist() if not n.endswith("/")])
        print(f"package: {out} ({count} files)")
    else:
        target = deploy(args.deploy.resolve())
        print(f"deploy: {target} -> {ROOT} (enable gw_plugin in QGIS's plugin manager)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
