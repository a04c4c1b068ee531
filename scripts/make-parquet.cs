#!/usr/bin/env dotnet
// Writes the embedded sample's transactions (src/TrustMetrics.Cli/Sample/transactions.csv: customer_id,date,amount) as a Parquet
// file, one row group, columns customer_id (string), date (DateTime), amount (double). .ci/run makes it and reads it with the
// Native AOT tool (`clv summarize --input x.parquet`) to check that the Parquet reader works without the JIT.
//   dotnet run scripts/make-parquet.cs -- INPUT.csv OUTPUT.parquet
#:package Parquet.Net
using System.Globalization;
using Parquet;
using Parquet.Schema;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: make-parquet INPUT.csv OUTPUT.parquet");
    return 1;
}

var ids = new List<string>();
var dates = new List<DateTime>();
var amounts = new List<double>();
foreach (string line in File.ReadLines(args[0]).Skip(1))
{
    string[] cells = line.Split(',');
    ids.Add(cells[0]);
    dates.Add(DateTime.ParseExact(cells[1], "yyyy-MM-dd", CultureInfo.InvariantCulture));
    amounts.Add(double.Parse(cells[2], CultureInfo.InvariantCulture));
}

var id = new DataField<string>("customer_id");
var date = new DataField<DateTime>("date");
var amount = new DataField<double>("amount");
await using var stream = File.Create(args[1]);
await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, date, amount), stream);
using var group = writer.CreateRowGroup();
await group.WriteAsync(id, ids.ToArray());
await group.WriteAsync(date, new ReadOnlyMemory<DateTime>([.. dates]));
await group.WriteAsync(amount, new ReadOnlyMemory<double>([.. amounts]));
Console.WriteLine($"{args[1]}: {ids.Count} rows");
return 0;
