/**
 * Every schema-visible failure from shared/seeds, written the way the post-mortems' apps wrote
 * them. TypeScript's typed bindings would reject most of these, so each goes through the escape
 * hatch that let it slip through in practice; the comment names the seed.
 */
import type { Construct } from "constructs";
import { ExampleStack } from "./example-stack.js";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group/index.js";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group/index.js";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster/index.js";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers/index.js";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault/index.js";
import { BackupPlan, type BackupPlanConfig } from "@cdktf/provider-aws/lib/backup-plan/index.js";

export class SeedFailuresStack extends ExampleStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Seed 004: `use_lockfile` only exists from Terraform 1.10.
    this.addOverride("terraform.backend.s3.use_lockfile", true);

    // Seed 001 §4: the subnet group's argument is `name`; `subnet_group_name` belongs to the
    // replication group that refers to it.
    const subnets = new ElasticacheSubnetGroup(this, "cache-subnets", {
      subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
    } as any);
    subnets.addOverride("subnet_group_name", "lms-redis-subnet-group");

    // Seed 001 §3: at_rest_encryption_enabled and auto_minor_version_upgrade are strings in the
    // AWS provider; transit_encryption_enabled is a bool.
    const cache = new ElasticacheReplicationGroup(this, "cache", {
      replicationGroupId: "lms-redis",
      description: "LMS cache",
      engine: "redis",
      nodeType: "cache.t4g.micro",
      numCacheClusters: 2,
      subnetGroupName: "lms-redis-subnet-group",
    });
    cache.addOverride("at_rest_encryption_enabled", true);
    cache.addOverride("auto_minor_version_upgrade", true);
    cache.addOverride("transit_encryption_enabled", "yes");
    // A list argument given a plain string.
    cache.addOverride("security_group_ids", "sg-0123456789abcdef0");

    // Seed 001 §5: a Python dict with binding-style camelCase keys inside a nested block.
    const cluster = new EcsCluster(this, "cluster", { name: "lms" });
    const capacity = new EcsClusterCapacityProviders(this, "capacity", {
      clusterName: cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
    });
    capacity.addOverride("default_capacity_provider_strategy", [
      { capacityProvider: "FARGATE", weight: 1, base: 1 },
    ]);

    // Seed 000 §4: a backup plan with no `rule` block.
    const vault = new BackupVault(this, "vault", { name: "lms-vault" });
    new BackupPlan(this, "plan-without-rules", { name: "globalstream-efs-backup" } as BackupPlanConfig);

    // Seed 004 §2: the copy action's lifecycle given the wrong shape (here a bare number).
    const plan = new BackupPlan(this, "plan", {
      name: "lms-backup",
      rule: [{ ruleName: "daily", targetVaultName: vault.name, schedule: "cron(0 5 ? * * *)" }],
    });
    plan.addOverride("rule.0.copy_action", [{ destination_vault_arn: vault.arn, lifecycle: 7 }]);
  }
}
