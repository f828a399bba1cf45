"""Turn the interface text dictionaries of old into the gettext catalogs, then rewrite the template.

Until issue 7 part 4 the text lived in Python: English as `EN = {...}` in fitjp/i18n.py, every
other language as `TEXT = {...}` in fitjp/locales/<lang>.py. Those files are gone, but branches
begun before then still add keys there; to bring them over, run this on their dictionaries:

    python scripts/dicts_to_po.py --from-rev main          # dictionaries as committed on main
    python scripts/dicts_to_po.py --from-python DIR        # DIR/<lang>.py, English from DIR/../i18n.py

It writes fitjp/locales/<lang>/LC_MESSAGES/messages.po for English and every <lang>.py, in
English's key order, then fitjp/locales/messages.pot (python -m fitjp.catalogs extract).
A catalog is rewritten whole from the dictionaries, so rerunning on the same dictionaries
gives the same files. The dictionaries are read as literals (ast), never imported: the old
i18n.py imports fitjp.locales, which catalogs replaced.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fitjp import catalogs  # noqa: E402  (the repository root is on the path only now)

I18N_FILE = "fitjp/i18n.py"
LOCALES_DIR = "fitjp/locales"


def dict_literal(source: str, name: str, where: str) -> dict[str, str]:
    """The dictionary literal assigned to `name` at the top of a module's source."""
    for node in ast.parse(source, filename=where).body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if any(isinstance(target, ast.Name) and target.id == name for target in targets):
            return ast.literal_eval(node.value)
    raise SystemExit(f"{where}: no {name} = {{...}} found")


def from_files(locales: Path, english_file: Path) -> dict[str, dict[str, str]]:
    """Language -> texts, read from the modules on disk."""
    texts = {catalogs.SOURCE_LANGUAGE: dict_literal(english_file.read_text(encoding="utf-8"), "EN", str(english_file))}
    for module in sorted(locales.glob("*.py")):
        if module.stem != "__init__":
            texts[module.stem] = dict_literal(module.read_text(encoding="utf-8"), "TEXT", str(module))
    return texts


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def from_revision(revision: str, repo: Path = ROOT) -> dict[str, dict[str, str]]:
    """Language -> texts, read from the modules as committed at `revision`."""
    english = dict_literal(git(repo, "show", f"{revision}:{I18N_FILE}"), "EN", f"{revision}:{I18N_FILE}")
    texts = {catalogs.SOURCE_LANGUAGE: english}
    for path in git(repo, "ls-tree", "--name-only", f"{revision}:{LOCALES_DIR}").split():
        if path.endswith(".py") and path != "__init__.py":
            where = f"{revision}:{LOCALES_DIR}/{path}"
            texts[path.removesuffix(".py")] = dict_literal(git(repo, "show", where), "TEXT", where)
    return texts


def language_catalog(lang: str, texts: dict[str, str], english: dict[str, str]):
    """English's keys in English's order; a key only this language has comes last, so no text is lost."""
    catalog = catalogs.new_catalog(lang)
    for key in [*english, *(k for k in texts if k not in english)]:
        catalog[key] = catalogs.message(key, english.get(key, ""), texts.get(key, ""))
    return catalog


def report(lang: str, texts: dict[str, str], english: dict[str, str]) -> None:
    missing = [k for k in english if not texts.get(k)]
    extra = [k for k in texts if k not in english]
    if missing:
        print(f"{lang}: no text for {len(missing)} keys (English is shown): {', '.join(missing)}")
    if extra:
        print(f"{lang}: {len(extra)} keys English lacks: {', '.join(extra)}")


def convert(texts: dict[str, dict[str, str]], locales: Path) -> None:
    english = texts[catalogs.SOURCE_LANGUAGE]
    for lang, language_texts in texts.items():
        report(lang, language_texts, english)
        catalogs.write_catalog(language_catalog(lang, language_texts, english), catalogs.catalog_path(lang, locales))
    print(f"wrote {len(texts)} catalogs of {len(english)} keys; {catalogs.extract(locales)}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--from-rev", metavar="REV", help="read the dictionaries as committed at this git revision")
    source.add_argument("--from-python", metavar="DIR", type=Path,
                        help=f"read DIR/<lang>.py, as {LOCALES_DIR}/ was (English from --en)")
    parser.add_argument("--en", type=Path, help="the module holding EN (default: i18n.py beside DIR)")
    parser.add_argument("--out", type=Path, default=catalogs.LOCALES, help="where the catalogs go")
    args = parser.parse_args(argv)
    if args.from_rev:
        texts = from_revision(args.from_rev)
    else:
        texts = from_files(args.from_python, args.en or args.from_python.parent / "i18n.py")
    convert(texts, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
