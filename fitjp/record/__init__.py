"""The fund's record: what it holds, how a file becomes a release, and the commands for it.

Each module builds only on those listed before it, so none imports another in a circle:

    schema      the tables, their columns and the values each may take
    validate    every problem of a set of tables, each naming its file, row and column
    intake      a file as staff send it (CSV in any encoding Excel writes, or a workbook) read
                into sheets; the template and the workbook of problems
    advice      how to fix each problem, suggested from the cell's value; said in the staff's language
    tables      tables read as text, typed, and written atomically with their derived tables
    releases    check, preview, publish and roll back: the one way the record is written
    build       the maintainers' build of the shipped data from data/raw/
    cli         `python -m fitjp.record`, for scripts
"""
