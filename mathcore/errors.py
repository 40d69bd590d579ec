"""The error types that mathcore raises: the only ones that may escape it."""


class MathError(Exception):
    """A problem with a formula or a computation, phrased for a person."""


class ParseError(MathError):
    """A formula that is not allowed or not well formed.

    ``column`` is 1-based within ``text``; ``str(err)`` reads
    ``column 4: unknown function 'sinn': did you mean sin?``.
    """

    def __init__(self, message: str, text: str = "", column: int | None = None):
        self.message = message
        self.text = text
        self.column = column
        super().__init__(f"column {column}: {message}" if column else message)


class SolveTimeout(MathError):
    """A symbolic step that did not finish within its deadline."""
