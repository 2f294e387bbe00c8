"""Reading the documents' tables: one parser per table family, each row with the exact passage it came from."""
