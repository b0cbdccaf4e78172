/** A small, correct stack: the checker must report nothing here. */
import type { Construct } from "constructs";
import { ExampleStack } from "./example-stack.js";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group/index.js";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group/index.js";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster/index.js";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers/index.js";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault/index.js";
import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan/index.js";

export class CleanStack extends ExampleStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    const subnets = new ElasticacheSubnetGroup(this, "cache-subnets", {
      name: "example-cache-subnets",
      subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
    });
    new ElasticacheReplicationGroup(this, "cache", {
      replicationGroupId: "example-cache",
      description: "Session cache",
      engine: "redis",
      nodeType: "cache.t4g.micro",
      numCacheClusters: 2,
      subnetGroupName: subnets.name,
      atRestEncryptionEnabled: "true",
      transitEncryptionEnabled: true,
      autoMinorVersionUpgrade: "true",
    });

    const cluster = new EcsCluster(this, "cluster", { name: "example" });
    new EcsClusterCapacityProviders(this, "capacity", {
      clusterName: cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1, base: 1 }],
    });

    const vault = new BackupVault(this, "vault", { name: "example-vault" });
    new BackupPlan(this, "plan", {
      name: "example-plan",
      rule: [
        {
          ruleName: "daily",
          targetVaultName: vault.name,
          schedule: "cron(0 5 ? * * *)",
          lifecycle: { deleteAfter: 35 },
          copyAction: [{ destinationVaultArn: vault.arn, lifecycle: { deleteAfter: 7 } }],
        },
      ],
    });
  }
}
