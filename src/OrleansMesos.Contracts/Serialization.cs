// Orleans generates the serializers of the abstractions' value types here: the abstractions carry only
// Orleans' serialization attributes, so the allocation engine built on them stays free of Orleans.
[assembly: GenerateCodeForDeclaringAssembly(typeof(OrleansMesos.Resources))]
