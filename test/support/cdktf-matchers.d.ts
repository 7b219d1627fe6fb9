// Brings cdktf's jest matchers (toHaveResourceWithProperties, …) into the type checker.
import "cdktf/lib/testing/adapters/jest";
