// Loads a CSV into a DuckDB table (in a file database) with @duckdb/node-api; prints the row count.
// Usage: node duckdb_load.mjs FILE.csv DB.duckdb
import { DuckDBInstance } from '@duckdb/node-api';

const [file, dbPath] = process.argv.slice(2);
const instance = await DuckDBInstance.create(dbPath);
const connection = await instance.connect();
await connection.run(`CREATE TABLE bill AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = true)`);
const reader = await connection.runAndReadAll('SELECT count(*) FROM bill');
console.log(String(reader.getRows()[0][0]));
