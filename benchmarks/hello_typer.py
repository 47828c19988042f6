"""The baseline of the cold-start benchmark: a bare Typer app that prints hello."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
