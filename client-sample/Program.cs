// Placeholder: the sample batch framework is built on the client SDK by the user-facing issue.
Console.Error.WriteLine("client-sample: the sample framework is not built yet; it needs the client SDK and a running silo.");
return 1;
