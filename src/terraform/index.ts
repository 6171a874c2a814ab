// The Terraform round trip, for the commands: export live resources as HCL, and compare a workspace's .tf files with
// the live resources. Plain Node (no vscode); the HCL parser loads on the first comparison, never at activation.
export { exportTerraform, type ExportItem, type ExportOptions } from './export';
export { compareWithTerraform, type TerraformFileText } from './compare';
export {
  driftByLiveResource, findDrift, liveResourceKey,
  type DriftChange, type DriftExpression, type DriftReport, type DriftStatus, type LiveResources, type ResourceDrift,
} from './drift';
export { HclParseError, HclParserUnavailableError } from './hclParser';
